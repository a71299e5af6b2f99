// The answer shapes the panels read, as the collector's routes declare them (`@tally/schema`'s
// answers.ts): a field renamed there fails this package's type check.
import type { EcommerceAnswers } from "@tally/schema";

export type Overview = EcommerceAnswers["overview"];
export type Timeseries = EcommerceAnswers["revenue-timeseries"];
export type Funnel = EcommerceAnswers["funnel"];
export type Product = EcommerceAnswers["top-products"]["products"][number];
export type Channel = EcommerceAnswers["revenue-by-channel"]["channels"][number];
export type Attribution = EcommerceAnswers["attribution"];
export type Coupon = EcommerceAnswers["revenue-by-coupon"]["coupons"][number];
export type CartAbandonment = EcommerceAnswers["cart-abandonment"];
export type Cohorts = EcommerceAnswers["cohorts"];
export type JourneyEvent = EcommerceAnswers["user-journey"]["events"][number];
export type Coverage = EcommerceAnswers["coverage"];
