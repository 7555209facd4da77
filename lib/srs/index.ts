export * from "./card-state";
export * from "./queue";
export * from "./rows";
export * from "./scheduler";
