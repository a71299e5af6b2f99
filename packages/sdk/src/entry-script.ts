// The script-tag build: <script async src="https://COLLECTOR/tally.js" data-key="pk_…"></script>
// reads its data-* attributes, creates the tracker (the same core as the npm build) and takes
// over `window.hrq`, so Hello Retail's snippet works as it is, before or after this loads.
import { attachQueue } from "./queue.js";
import { createTracker, type TrackerOptions } from "./tracker.js";

const w = window as unknown as { tally?: unknown; hrq?: unknown };
const script = document.currentScript as HTMLScriptElement | null;
const data = (script && script.dataset) || {};

if (!w.tally) {
  try {
    const options: TrackerOptions = {
      key: data.key!,
      // The collector serves this file: its origin is the endpoint.
      endpoint: data.endpoint || new URL(script!.src).origin,
      debug: "debug" in data,
      respectDnt: "respectDnt" in data,
    };
    const tracker = (w.tally = createTracker(options));
    // A command that fails is a mistake in the page: always say so.
    attachQueue(tracker, (error) => console.warn("[tally]", error));
  } catch (error) {
    console.warn("[tally]", error);
  }
}
