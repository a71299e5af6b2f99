// The answer shapes of the query API the panels read (the ecommerce API contract).

export interface Overview {
  total_revenue: number;
  net_revenue: number;
  total_orders: number;
  total_refunds: number;
  refund_amount: number;
  avg_order_value: number;
  total_items_sold: number;
  cart_abandonment_rate: number;
  add_to_cart_rate: number;
  days: number;
}

export interface Timeseries {
  series: Array<{ date: string; revenue: number; orders: number }>;
}

export interface Funnel {
  steps: Array<{ name: string; count: number; percentage: number }>;
}

export interface Product {
  item_id: string;
  item_name: string | null;
  revenue: number;
  quantity: number;
  orders: number;
}

export interface Channel {
  campaign: string | null;
  source: string | null;
  medium: string | null;
  revenue: number;
  orders: number;
  conversion_rate: number;
}

export interface Attribution {
  attributed: Array<{
    campaign: string | null;
    source: string | null;
    medium: string | null;
    revenue: number;
    orders: number;
    pct_of_total: number;
  }>;
  unattributed: { revenue: number; orders: number };
  model: string;
  window_days: number;
}

export interface Coupon {
  coupon_code: string;
  revenue: number;
  orders: number;
  avg_discount: number;
}

export interface CartAbandonment {
  abandonment_rate: number;
  abandoned_carts: number;
  abandoned_revenue: number;
  completed_carts: number;
}

export interface Cohorts {
  cohorts: Array<{ month: string; users: number; revenue_by_month: Record<string, number> }>;
  avg_ltv: number;
  total_purchasing_users: number;
}

export interface JourneyEvent {
  event_type: string;
  timestamp: string;
  transaction_id?: string;
  revenue?: number;
  items?: Array<{ item_id: string; item_name?: string; price?: number; quantity?: number }>;
}

type Sides<T> = { both: T; client_only: T; server_only: T };

export interface Coverage {
  orders: Sides<number>;
  revenue: Sides<number>;
  server_orders: number;
  browser_missed_pct: number;
  /** The orders the server saw, by where they came from; the browser's, by door. */
  server_by_source: Record<string, { orders: number; revenue: number }>;
  browser_by_door: Record<string, { orders: number; revenue: number }>;
}
