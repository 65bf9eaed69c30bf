import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";

/**
 * Runs `script` (a bench/*-child.ts) in a process of its own, as the app runs in production against
 * the bench database: a fresh secret, an SMTP address nothing listens on, its own jobs off, warnings
 * only. `input` reaches it as JSON in the variable `inputVariable`; it answers one JSON line on
 * stdout, the last, which this resolves to. `nodeArgs` (a CPU profile, say) go before the script.
 */
export function runAppChild<Answer>(
  script: string,
  dbUrl: string,
  inputVariable: string,
  input: object,
  nodeArgs: string[] = [],
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", script], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: dbUrl,
        NEXTAUTH_URL: "http://localhost:3400",
        NEXTAUTH_SECRET: randomBytes(24).toString("hex"),
        SMTP_URL: "smtp://127.0.0.1:9",
        OUTBOX_WORKER: "off",
        LOG_LEVEL: "warn",
        [inputVariable]: JSON.stringify(input),
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) =>
      code === 0
        ? resolve(JSON.parse(output.trim().split("\n").at(-1)!) as Answer)
        : reject(new Error(`${script} exited with code ${code}`)),
    );
  });
}
