// @ts-check
// The real PC/SC stack for the desktop E2E: pcscd with vsmartcard's vpcd readers, and the project's virtual
// test card (tests/card/virtual_card.py, see docs/test-card-profile.md). Inserting a card is starting the
// card's process; pulling it is stopping it. Both wait for pcscd to log the change. vpcd's reader listens on a
// free port chosen here (the package's fixed 35963 may be taken by another PC/SC stack on the same network,
// and then pcscd starts with no reader at all).
import { spawn, execFileSync } from "node:child_process";
import net from "node:net";
import { existsSync, mkdirSync, openSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const VSMARTCARD = "/usr/lib/python3/site-packages/virtualsmartcard";
const CRYPTODOME = "/usr/lib/python3/dist-packages/Cryptodome";
const READER = "Virtual PCD 00 00";

/** Whether a TCP port can be listened on, on every interface (as vpcd does). */
function portFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "0.0.0.0", exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Two consecutive free ports below Linux's ephemeral range, so no outgoing connection takes one meanwhile. */
async function freePortPair() {
  for (let port = 20_000 + (process.pid % 5_000) * 2, tried = 0; tried < 6_000; tried += 1, port += 2) {
    if (port >= 32_000) port = 20_000;
    if ((await portFree(port)) && (await portFree(port + 1))) return port;
  }
  throw new Error("no two consecutive free TCP ports between 20000 and 32000");
}

/** vpcd's reader.conf entry: the port is the low bits of the device name (0x8C7B is 35963). */
const readerConf = (port) => {
  const hex = port.toString(16).toUpperCase();
  return [
    'FRIENDLYNAME "Virtual PCD"',
    `DEVICENAME   /dev/null:0x${hex}`,
    "LIBPATH      /usr/lib/pcsc/drivers/serial/libifdvpcd.so",
    `CHANNELID    0x${hex}`,
    "",
  ].join("\n");
};

/** Stops a process with TERM and waits until it has exited (pcscd refuses to start while the old one lives). */
async function terminate(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

export class CardStack {
  /** @param {string} dir where the logs and the Python shim go */
  constructor(dir) {
    this.dir = dir;
    mkdirSync(path.join(dir, "python"), { recursive: true });
    // Debian names pycryptodome `Cryptodome`; vsmartcard imports `Crypto`.
    const shim = path.join(dir, "python", "Crypto");
    if (!existsSync(shim)) symlinkSync(CRYPTODOME, shim);
    this.log = path.join(dir, "pcscd.log");
    /** the reader's port, chosen when pcscd starts */
    this.port = 0;
    /** @type {import("node:child_process").ChildProcess | null} */
    this.pcscd = null;
    /** @type {import("node:child_process").ChildProcess | null} */
    this.card = null;
  }

  logText() {
    return existsSync(this.log) ? readFileSync(this.log, "utf8") : "";
  }

  async waitForLog(from, line, timeout = 10_000) {
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      if (this.logText().slice(from).includes(line)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`pcscd never logged ${JSON.stringify(line)}; its log:\n${this.logText().slice(from)}`);
  }

  async startPcscd() {
    const running = execFileSync("sh", ["-c", "pgrep -x pcscd || true"], { encoding: "utf8" }).trim();
    if (running !== "") {
      throw new Error(`a pcscd (pid ${running}) these tests did not start is running; stop it first`);
    }
    this.port = await freePortPair();
    const readers = path.join(this.dir, "readers.conf.d");
    mkdirSync(readers, { recursive: true });
    writeFileSync(path.join(readers, "vpcd"), readerConf(this.port));
    const from = this.logText().length;
    const out = openSync(this.log, "a");
    this.pcscd = spawn("pcscd", ["--foreground", "--info", "--config", readers], { stdio: ["ignore", out, out] });
    await this.waitForLog(from, "daemon ready");
    const log = this.logText().slice(from);
    if (log.includes("Virtual PCD init failed")) {
      throw new Error(`pcscd could not open vpcd's port ${this.port}; its log:\n${log}`);
    }
  }

  /**
   * Inserts the test card holding `identity` (the card's own fields, dates as YYYYMMDD), or a card of
   * another kind with `kind: "foreign"`.
   * @param {{identity?: Record<string, string>, kind?: string}} card
   */
  async insert(card) {
    const args = [path.join(ROOT, "tests/card/virtual_card.py"), "--port", String(this.port)];
    if (card.kind) args.push("--kind", card.kind);
    if (card.identity) {
      const file = path.join(this.dir, "identity.json");
      writeFileSync(file, JSON.stringify(card.identity));
      args.push("--identity", file);
    }
    const from = this.logText().length;
    const out = openSync(path.join(this.dir, "card.log"), "a");
    // Debian's own Python: the vsmartcard and pycryptodome packages are installed for it, not for others on PATH.
    this.card = spawn("/usr/bin/python3", args, {
      stdio: ["ignore", out, out],
      env: { ...process.env, PYTHONPATH: `${VSMARTCARD}:${path.join(this.dir, "python")}` },
    });
    await this.waitForLog(from, `Card inserted into ${READER}`);
  }

  async pull() {
    if (this.card === null) return;
    const from = this.logText().length;
    await terminate(this.card);
    this.card = null;
    await this.waitForLog(from, `Card Removed From ${READER}`);
  }

  async stop() {
    if (this.card !== null) await terminate(this.card);
    if (this.pcscd !== null) await terminate(this.pcscd);
    this.card = null;
    this.pcscd = null;
  }
}
