const KEY = "tally.secretKey";

/**
 * The secret key for this tab only: `sessionStorage` is gone when the tab closes and is never
 * sent anywhere by the browser itself.
 */
export const session = {
  key: (): string | null => sessionStorage.getItem(KEY),
  signIn: (key: string) => sessionStorage.setItem(KEY, key),
  signOut: () => sessionStorage.removeItem(KEY),
};
