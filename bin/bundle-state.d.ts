export function bundleState(root: URL): "missing" | "stale" | "fresh";
