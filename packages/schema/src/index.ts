export * from "./event-types.js";
export * from "./order-type.js";
export * from "./money.js";
export * from "./limits.js";
export * from "./event.schema.js";
export * from "./fields.js";
export * from "./hello-retail.js";
export * from "./validate.js";
export { issueMessage, formatPath } from "./issue-message.js";
