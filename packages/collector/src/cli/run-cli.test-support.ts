// Test support: runs the built CLI as a real process.
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from "node:child_process";
import { fileURLToPath } from "node:url";

export const CLI = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `tally-collector …` to its end. */
export function runCli(args: string[], options: SpawnOptions = {}): Ran {
  const ran = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", timeout: 20_000, ...options });
  return { status: ran.status, stdout: String(ran.stdout), stderr: String(ran.stderr) };
}

export interface Serving {
  url: string;
  child: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  stderr(): string;
  stop(): Promise<number | null>;
}

/** Starts `serve …` and resolves once it listens (rejects with its output when it exits first). */
export function startServe(args: string[]): Promise<Serving> {
  const child = spawn(process.execPath, [CLI, "serve", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  let stderr = "";
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk) => {
      output += chunk;
      const url = output.match(/listening on (http:\/\/\S+)/)?.[1];
      if (url) {
        resolve({
          url,
          child,
          output: () => output,
          stderr: () => stderr,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done(child.exitCode);
              child.once("exit", (code) => done(code));
              child.kill("SIGTERM");
            }),
        });
      }
    });
    child.stderr!.on("data", (chunk) => {
      output += chunk;
      stderr += chunk;
    });
    child.once("exit", (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
}
