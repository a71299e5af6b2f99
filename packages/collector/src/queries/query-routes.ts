import { BEHAVIOUR_ROUTES } from "./behaviour.contract.js";
import { PEOPLE_ROUTES } from "./people.contract.js";
import { REPORT_ROUTES } from "./reports.contract.js";
import { REVENUE_ROUTES } from "./revenue.contract.js";

/** The contract of every query route and of the erase routes, as `/openapi.json` lists them. */
export const QUERY_ROUTES = [...REVENUE_ROUTES, ...BEHAVIOUR_ROUTES, ...PEOPLE_ROUTES, ...REPORT_ROUTES];
