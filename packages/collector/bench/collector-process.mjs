// Benchmarks' own processes: a collector (or another server) started the way an operator starts
// it, and what it costs in memory.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";

/** Starts `node ARGS` and resolves once it prints that it listens, with its URL. */
export function startProcess(args) {
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const url = out.match(/listening on (http:\/\/\S+)/)?.[1];
      if (url) resolve({ child, url });
    });
    child.once("exit", (code) => reject(new Error(`exited with ${code}: ${out}`)));
  });
}

/** The Node flags the CLI's own first line runs it with (its heap caps), so a benchmark runs what an operator runs. */
export function shebangFlags(file) {
  const line = readFileSync(file, "utf8").split("\n", 1)[0];
  return line
    .replace(/^#!\/usr\/bin\/env -S node\s*/, "")
    .split(/\s+/)
    .filter(Boolean);
}

/** A process's peak resident memory so far (its worker threads included), in MB. */
export function peakRssMb(pid) {
  return Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/VmHWM:\s+(\d+) kB/)[1]) / 1024;
}
