import { fstatSync } from "node:fs";

/**
 * Whether someone can type into this process: stdin is a terminal, or text is piped or redirected
 * into it (`echo … | npm start`, `npm start < file`). Under systemd, Docker without -i or nohup,
 * stdin is /dev/null or closed: nobody is there, and a terminal chat would end at once.
 */
export function terminalAttached(fd = 0, isTTY = process.stdin.isTTY === true): boolean {
  if (isTTY) return true;
  try {
    const stat = fstatSync(fd);
    return stat.isFIFO() || stat.isFile() || stat.isSocket();
  } catch {
    return false;
  }
}

export type StaffConsoleSetting = "auto" | "on" | "off";

/**
 * When the console runs (STAFF_CONSOLE): "on" always (with the data directory), "off" never, "auto"
 * when a chat channel has a token (the HTTP server runs anyway) or when nothing would run otherwise:
 * no channel token and no terminal attached — a ward can then sign in to /staff/ before any channel is set up.
 */
export function staffConsoleWanted(setting: StaffConsoleSetting, hasChannelToken: boolean, attached: boolean): boolean {
  if (setting !== "auto") return setting === "on";
  return hasChannelToken || !attached;
}
