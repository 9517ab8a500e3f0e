import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runScript, tempDir } from "../harness/common.js";
import { Client } from "../harness/staff.js";

const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const USER = "lan.nt";
const PASSWORD = "Trống đồng Đông Sơn 1924";

// `npm run staff:add`, then `npm start` with no channel token and no terminal (stdin /dev/null, as
// under systemd): the service serves the staff console alone, and a ward can sign in and import.
describe("the real service with no channel token and no terminal", () => {
  let data: Awaited<ReturnType<typeof tempDir>>;
  let child: ChildProcess | undefined;
  let base = "";
  let stderr = "";

  beforeAll(async () => {
    data = await tempDir("motcua-staff-service-");
  });
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    await data.cleanup();
  });

  it("staff:add refuses a weak password and creates the account from piped input", async () => {
    const env = { DATA_DIR: data.dir };
    const weak = await runScript("src/cli/staff-add.ts", [USER], "12345678\n", env);
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain("Mật khẩu phải có ít nhất 12 ký tự");
    const good = await runScript("src/cli/staff-add.ts", [USER], `${PASSWORD}\n`, env);
    expect(good.stderr).toBe("");
    expect(good.code).toBe(0);
    expect(good.stdout).toContain(`Đã tạo tài khoản «${USER}»`);
  });

  it("npm start serves the console; sign in, see the overview, import a file, look a dossier up", async () => {
    child = spawn(process.execPath, ["--import", TSX, path.join(ROOT, "src/main.ts")], {
      cwd: ROOT,
      env: {
        ...process.env,
        TELEGRAM_BOT_TOKEN: "",
        ZALO_BOT_TOKEN: "",
        DATA_DIR: data.dir,
        HOST: "127.0.0.1",
        PORT: "0",
        LOG_LEVEL: "info",
        STAFF_CONSOLE: "auto",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    base = await new Promise<string>((resolve, reject) => {
      child?.stderr?.on("data", (chunk) => {
        stderr += chunk;
        const match = /staff console at (http:\/\/127\.0\.0\.1:\d+)\/staff\//.exec(stderr);
        if (match?.[1]) resolve(match[1]);
      });
      child?.once("exit", (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    const client = new Client(base);
    expect((await client.request("/staff/")).status).toBe(303);
    expect((await client.login(USER, PASSWORD)).status).toBe(303);
    const overview = await (await client.request("/staff/")).text();
    expect(overview).toContain("Chưa kênh nào chạy");
    expect(overview).toMatch(/Danh mục thủ tục<\/div><div class="big">\d+/);
    expect((await client.request("/healthz")).status).toBe(200);

    const importPage = await (await client.request("/staff/import")).text();
    const form = new FormData();
    form.set("csrf", Client.csrfOf(importPage));
    form.set(
      "file",
      new Blob([
        "code,procedure_code,applicant_name,phone,received_at,due_at,status\r\n" +
          "000.31.20.H49-261201-0007,1.001193,Đỗ Thị Hoa,0912000111,2026-12-01,2026-12-01,9\r\n",
      ]),
      "hs.csv",
    );
    const preview = await (await client.request("/staff/import", { body: form })).text();
    expect(preview).toContain('id="count-accepted">1<');
    const previewId = /name="preview" value="([^"]+)"/.exec(preview)?.[1] ?? "";
    const committed = await client.request("/staff/import/commit", {
      form: { csrf: Client.csrfOf(preview), preview: previewId },
    });
    expect(await committed.text()).toContain("1 hồ sơ mới");
    const found = await client.request("/staff/lookup", {
      form: { csrf: Client.csrfOf(preview), code: "000.31.20.h49-261201-0007" },
    });
    const text = await found.text();
    expect(text).toContain("Đỗ T. H.");
    expect(text).not.toContain("0912000111");
    // Nothing personal reached the log.
    expect(stderr).not.toContain("Đỗ Thị Hoa");
    expect(stderr).not.toContain(PASSWORD);
  });
});
