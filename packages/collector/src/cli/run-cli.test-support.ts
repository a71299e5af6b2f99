// Test support: runs the built CLI (or the single executable) as a real process.
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from "node:child_process";
import { fileURLToPath } from "node:url";

export const CLI = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));

/** How `tally-collector` is started: the built CLI under this Node by default. */
export interface Command {
  file: string;
  args: string[];
}

export const BUILT_CLI: Command = { file: process.execPath, args: [CLI] };

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `tally-collector …` to its end. */
export function runCli(args: string[], options: SpawnOptions = {}, command = BUILT_CLI): Ran {
  const ran = spawnSync(command.file, [...command.args, ...args], { encoding: "utf8", timeout: 20_000, ...options });
  return { status: ran.status, stdout: String(ran.stdout), stderr: String(ran.stderr) };
}

/** Runs `tally-collector …` to its end without blocking this process (senders go on meanwhile). */
export function runCliAsync(args: string[], options: SpawnOptions = {}, command = BUILT_CLI): Promise<Ran> {
  const child = spawn(command.file, [...command.args, ...args], { stdio: ["ignore", "pipe", "pipe"], ...options });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (status) => resolve({ status, stdout, stderr }));
  });
}

export interface Serving {
  url: string;
  child: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  stderr(): string;
  stop(): Promise<number | null>;
}

/**
 * Starts `serve …` and resolves once it listens (rejects with its output when it exits first).
 * It runs in a process group of its own, which `stop` signals whole: a launcher such as `npx`
 * does not pass SIGTERM on to the collector it started.
 */
export function startServe(args: string[], options: SpawnOptions = {}, command = BUILT_CLI): Promise<Serving> {
  const child = spawn(command.file, [...command.args, "serve", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
    ...options,
  });
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
              try {
                process.kill(-child.pid!, "SIGTERM");
              } catch {
                child.kill("SIGTERM");
              }
            }),
        });
      }
    });
    child.stderr!.on("data", (chunk) => {
      output += chunk;
      stderr += chunk;
    });
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
}
