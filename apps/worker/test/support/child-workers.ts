import { type ChildProcess, spawn } from "node:child_process";
import { WORKER_BUNDLE } from "./global-setup.js";

/** A worker child process (see worker-process.ts). */
export interface ChildWorker {
  child: ChildProcess;
  exited: Promise<number | null>;
  sigkill(): Promise<void>;
  sigterm(): Promise<number | null>;
}

export async function spawnWorker(env: Record<string, string>): Promise<ChildWorker> {
  const child = spawn(process.execPath, [WORKER_BUNDLE], {
    env: { ...process.env, ...env },
    // Redis connection errors while Redis restarts are expected noise; failures show in assertions.
    stdio: ["ignore", "pipe", "ignore"],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`worker exited before it was ready (${code})`)));
  });
  return {
    child,
    exited,
    async sigkill() {
      child.kill("SIGKILL");
      await exited;
    },
    async sigterm() {
      child.kill("SIGTERM");
      return await exited;
    },
  };
}
