export { AtomicJsonFile, StorageError } from "./atomic-file.js";
export { FileConversationStore } from "./conversations.js";
export { DataDirLock, DataDirLockedError, lockHolder } from "./lock.js";
export { ShardedRecords, type ShardSpec } from "./sharded.js";
export { type FileSpec, VersionedFile } from "./versioned-file.js";
