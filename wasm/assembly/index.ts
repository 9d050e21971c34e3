// The kernel's exports. Only numbers and byte offsets cross this boundary; see each file for who
// calls an export and how often. The TypeScript twin of every export is in shared/engine/kernel/.
export { alloc, resetHeap } from "./memory";
export { scoreLinkPosts } from "./stream-score";
