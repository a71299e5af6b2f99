export * from "./event-types.js";
export * from "./money.js";
export * from "./limits.js";
export * from "./event.schema.js";
export * from "./validate.js";
export { issueMessage, formatPath } from "./issue-message.js";
