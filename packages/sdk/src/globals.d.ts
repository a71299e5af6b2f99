/**
 * Set by the build (esbuild `define`): true in the npm build and the tests, false in the script
 * tag. The npm build checks every event at the call and takes injected parts (outbox, guard,
 * transport, clock) and `destroy`; the script tag, which nothing can hand those to, leaves them
 * out, and leaves most event checks to the collector.
 */
declare const __NPM__: boolean;
