import { createApi, type Appspace } from "./api.js";
import { dashboardView, type DashboardView } from "./dashboard.js";
import { session } from "./session.js";
import { refusal, signInView } from "./sign-in.js";
import "./styles.css";

const root = document.getElementById("app")!;
let current: DashboardView | undefined;

function showSignIn(notice?: string) {
  current?.dispose();
  current = undefined;
  root.replaceChildren(signInView(showDashboard, notice));
}

function showDashboard(key: string, appspace: Appspace) {
  session.signIn(key);
  current = dashboardView(key, appspace, () => {
    session.signOut();
    showSignIn();
  });
  root.replaceChildren(current.node);
}

async function start() {
  const key = session.key();
  if (!key) return showSignIn();
  try {
    showDashboard(key, await createApi(key).appspace());
  } catch (error) {
    // A kept key that no longer works (revoked, or another collector): forget it and say why.
    session.signOut();
    showSignIn(refusal(error));
  }
}

void start();
