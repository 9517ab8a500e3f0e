import { mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { StorageError } from "./atomic-file.js";

export class DataDirLockedError extends StorageError {
  override name = "DataDirLockedError";
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `Thư mục dữ liệu ${dir} đang được tiến trình ${pid} dùng: bot đang chạy (npm start) hoặc một cửa sổ ` +
        "npm run chat khác. Mỗi thư mục dữ liệu chỉ một tiến trình dùng một lúc, để hai bên không ghi đè dữ liệu của " +
        `nhau. Hãy dừng tiến trình đó (Ctrl+C trong cửa sổ của nó, hoặc: kill ${pid}) rồi chạy lại; hoặc đặt DATA_DIR ` +
        `khác để thử. | The data folder ${dir} is in use by process ${pid} (the bot, or another chat). One process per ` +
        `data folder: stop it (Ctrl+C in its window, or kill ${pid}) and try again, or set another DATA_DIR.`,
    );
  }
}

/** Lock files this process holds (a container restarts with the same pid: the file alone cannot tell). */
const held = new Set<string>();

/**
 * One process at a time owns a data directory: two processes each holding the files in memory
 * would overwrite each other's writes. A lock left by a dead process is taken over.
 */
export class DataDirLock {
  private constructor(private readonly file: string) {}

  static async acquire(dir: string): Promise<DataDirLock> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const file = path.resolve(dir, ".lock");
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await writeFile(file, String(process.pid), { flag: "wx", mode: 0o600 });
        held.add(file);
        return new DataDirLock(file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      }
      const holder = await lockHolder(dir);
      if (holder !== undefined && (holder !== process.pid || held.has(file))) throw new DataDirLockedError(dir, holder);
      await unlink(file).catch(() => undefined);
    }
    throw new StorageError(`${dir}: could not take the lock`);
  }

  async release(): Promise<void> {
    if (!held.delete(this.file)) return;
    const pid = Number(await readFile(this.file, "utf8").catch(() => ""));
    if (pid === process.pid) await unlink(this.file).catch(() => undefined);
  }
}

/** The live process holding the directory's lock, if any. */
export async function lockHolder(dir: string): Promise<number | undefined> {
  const pid = Number(await readFile(path.join(dir, ".lock"), "utf8").catch(() => ""));
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  if (pid === process.pid) return pid;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    // EPERM: alive but another user's.
    return (err as NodeJS.ErrnoException).code === "EPERM" ? pid : undefined;
  }
}
