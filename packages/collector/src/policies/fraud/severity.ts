/** What a fraud rule does when it fires: nothing, mark the event (severity 1), or drop it (severity 2). */
export type Severity = "off" | "flag" | "block";

export const SEVERITIES: readonly Severity[] = ["off", "flag", "block"];
