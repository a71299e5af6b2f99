import type { Campaign } from "../store.js";

/** Whether an event or a session carries any campaign information. */
export const hasCampaign = (c: Campaign) => c.campaign !== null || c.source !== null || c.medium !== null;
