import type { Product } from "../answers.js";
import type { Panel } from "../panel.js";
import { rangeParams } from "../range.js";
import { tableView } from "../table.js";

export const productsPanel: Panel = {
  id: "top-products",
  title: "Top products",
  size: "double",
  async load({ api, range, fmt }) {
    const { products } = await api.ecommerce("top-products", {
      ...rangeParams(range),
      limit: "20",
    });
    return tableView<Product>(
      [
        { label: "Product", value: (p) => p.item_name ?? p.item_id },
        { label: "SKU", value: (p) => p.item_id },
        { label: "Revenue", value: (p) => p.revenue, show: (p) => fmt.money(p.revenue), numeric: true },
        { label: "Quantity", value: (p) => p.quantity, show: (p) => fmt.count(p.quantity), numeric: true },
        { label: "Orders", value: (p) => p.orders, show: (p) => fmt.count(p.orders), numeric: true },
      ],
      products,
      "No product sold in this range.",
    );
  },
};
