/**
 * Watches a command queue that another SDK owns (Hello Retail's `hrq`), without taking it over:
 * `see` gets every command pushed, once, while the owner still drains the queue, runs the
 * commands and calls their callbacks. The queue's `push` is wrapped, whatever the queue is when
 * this runs (the page's array, or the owner's object), and so is the queue that replaces it:
 * owners replace `window.hrq` with their own object when they load, which the property's setter
 * sees. What was in the array already is seen now. A command seen twice (an owner pushing the
 * array's commands into its own object) is seen once.
 *
 * @example
 * observeQueue(window, "hrq", (command) => console.log("pushed", command));
 */
export function observeQueue(target: Record<string, unknown>, name: string, see: (command: unknown) => void): void {
  const seen = new WeakSet<object>();
  const once = (command: unknown) => {
    if (command && typeof command == "object" && !seen.has(command)) {
      seen.add(command);
      see(command);
    }
  };
  const wrap = (queue: unknown) => {
    const q = queue as { push?: (...c: unknown[]) => unknown } | undefined;
    const push = q?.push;
    if (typeof push == "function" && !seen.has(push)) {
      const watched = function (this: unknown, ...commands: unknown[]) {
        commands.forEach(once);
        return push.apply(this, commands);
      };
      seen.add(watched);
      q!.push = watched;
    }
    return queue;
  };
  let queue = target[name];
  if (Array.isArray(queue)) queue.forEach(once);
  wrap(queue);
  Object.defineProperty(target, name, {
    configurable: true,
    get: () => queue,
    set: (value) => void (queue = wrap(value)),
  });
}
