// The first-paint benchmark's data: 10,000 link posts from 200 peers and their graph deltas, written
// straight into the extension's IndexedDB. Runs inside the service worker (puppeteer serialises the
// function), so it may use nothing from its module scope.

/** Runs in the service worker: writes the posts and one graph-delta row per 1,000 posts. */
export async function seed(count: number, peers: number, me: string): Promise<number> {
  const db: IDBDatabase = await new Promise((resolve, reject) => {
    const open = indexedDB.open("synereo-stream")
    open.onerror = () => reject(open.error)
    open.onsuccess = () => resolve(open.result)
  })
  const hex = (n: number) => n.toString(16).padStart(64, "0")
  const now = Math.floor(Date.now() / 1000)
  const tx = db.transaction(["posts", "graphDeltas"], "readwrite")
  const posts = tx.objectStore("posts")
  const deltas = tx.objectStore("graphDeltas")
  let batch: unknown[] = []
  for (let i = 0; i < count; i++) {
    const author = hex(1 + (i % peers))
    const url = `https://site${i % 97}.example/post/${i}`
    const at = now - (count - i) * 30
    posts.put({
      url,
      title: `Seeded post ${i}: what attention is worth`,
      description: "A seeded link post for the first-paint benchmark, with a sentence of description.",
      siteName: `site${i % 97}.example`,
      image: "",
      createdAt: at,
      updatedAt: at,
      amplifiers: [author],
      eventIds: { [author]: hex(1_000_000 + i) },
      amps: 0
    })
    batch.push({ type: "post", id: url, author, createdAt: at, tags: [`topic${i % 12}`], hops: 1 })
    if (batch.length === 1000) {
      deltas.add({ eventIds: [hex(2_000_000 + i)], at: Date.now(), deltas: batch })
      batch = []
    }
  }
  // The person attends to a fifth of the peers, so the engine has a Stream to rank.
  const follows = Array.from({ length: peers / 5 }, (_, k) => ({ type: "engagement", from: me, to: hex(1 + k * 5), kind: "like", at: now - 60 }))
  deltas.add({ eventIds: [hex(3_000_000)], at: Date.now(), deltas: [...batch, ...follows] })
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve()
    tx.onerror = () => reject(tx.error)
  })
  db.close()
  return count
}
