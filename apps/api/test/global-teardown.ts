export default async function globalTeardown(): Promise<void> {
  const cluster = (globalThis as { __pacerCluster?: { stop(): Promise<void> } }).__pacerCluster;
  await cluster?.stop();
}
