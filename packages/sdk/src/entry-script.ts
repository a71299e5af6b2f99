// The script-tag build: <script async src="https://COLLECTOR/tally.js" data-key="pk_…"></script>
// reads its data-* attributes, creates the tracker (the same core as the npm build) and serves
// the page's command queue (`window.hrq`, or `data-queue`): taking it over, so Hello Retail's
// snippet works as it is, before or after this loads; or, with `data-observe`, only watching it
// beside Hello Retail's own SDK.
import { attachQueue } from "./queue.js";
import { createTracker } from "./tracker.js";

const w = window as unknown as Record<string, unknown>;
const script = document.currentScript as HTMLScriptElement | null;
const data = script?.dataset || {};
// A failed command, or no tracker at all (no key, or a secret one: nothing is sent), is a mistake
// in the page: always say so, beside `onError`.
const warn = (error: unknown) => console.error("[tally]", error);

if (!w.tally) {
  try {
    const tracker = (w.tally = createTracker({
      key: data.key!,
      // The collector serves this file: its origin is the endpoint.
      endpoint: data.endpoint || new URL(script!.src).origin,
      debug: "debug" in data,
      respectDnt: "respectDnt" in data,
    }));
    attachQueue(tracker, warn, w, data.queue || "hrq", "observe" in data);
  } catch (error) {
    warn(error);
  }
}
