import { ApiError, createApi, type Appspace } from "./api.js";
import { h } from "./dom.js";

/** Why a key was refused, in words a shop owner can act on. */
export function refusal(error: unknown): string {
  if (error instanceof ApiError && error.code === "auth.secret_key_required") {
    return "That is a publishable key (pk_…): it can only send events. Sign in with the appspace's secret key (sk_…).";
  }
  if (error instanceof ApiError && error.status === 401) {
    return "This collector does not know that key. Check that you copied the whole secret key (sk_…).";
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * The sign-in form: one password field labelled "Secret key". The key is checked against the
 * API before it is kept; the form never submits itself, so the key cannot end up in a URL.
 */
export function signInView(onSignedIn: (key: string, appspace: Appspace) => void, notice?: string): HTMLElement {
  const input = h("input", {
    id: "secret-key",
    name: "secret-key",
    type: "password",
    autocomplete: "current-password",
    spellcheck: "false",
    required: true,
  });
  const message = h("p", { class: "error", role: "alert" }, notice ?? "");
  const button = h("button", { type: "submit" }, "Sign in");
  const form = h(
    "form",
    {
      class: "sign-in",
      onsubmit: async (event) => {
        event.preventDefault();
        const key = input.value.trim();
        if (!key) return;
        button.disabled = true;
        message.textContent = "";
        try {
          onSignedIn(key, await createApi(key).appspace());
        } catch (error) {
          message.textContent = refusal(error);
          input.select();
        } finally {
          button.disabled = false;
        }
      },
    },
    h("h1", {}, "Tally"),
    h("label", { for: "secret-key" }, "Secret key"),
    input,
    button,
    message,
    h(
      "p",
      { class: "note" },
      "The secret key (sk_…) was printed when the appspace was created. It is kept in this tab only, and forgotten when you sign out or close the tab.",
    ),
  );
  queueMicrotask(() => input.focus());
  return h("main", { class: "sign-in-page" }, form);
}
