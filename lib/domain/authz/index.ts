export * from "./roles";
export * from "./scope";
export * from "./permissions";
export * from "./effective-role";
export * from "./api-tokens";
export * from "./grant-rules";
