// IndexedDB for happy-dom, which has none.
import "fake-indexeddb/auto";
import { beforeEach } from "vitest";

beforeEach(() => {
  // happy-dom's sendBeacon is a real fetch that would leave the test run: tests that look at
  // beacons inject a transport or replace this stub.
  if (typeof navigator !== "undefined") navigator.sendBeacon = () => true;
});
