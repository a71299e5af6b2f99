/**
 * A panel's own setting kept in the page's URL beside the range (`?model=linear`), so a shared
 * link shows the same view. Values outside `allowed` read as the fallback.
 *
 * @example
 * const model = urlOption("model", ["last_click", "linear", "time_decay"], "last_click");
 * model.set("linear"); // the URL now has ?model=linear
 */
export function urlOption<T extends string>(name: string, allowed: readonly T[], fallback: T) {
  return {
    get(): T {
      const value = new URLSearchParams(location.search).get(name);
      return allowed.find((a) => a === value) ?? fallback;
    },
    set(value: T) {
      const params = new URLSearchParams(location.search);
      if (value === fallback) params.delete(name);
      else params.set(name, value);
      const search = params.toString();
      history.replaceState(history.state, "", `${location.pathname}${search ? `?${search}` : ""}`);
    },
  };
}
