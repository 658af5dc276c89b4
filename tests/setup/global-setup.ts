// Services shared by the suites (PostgreSQL cluster, built server) are started here.
export default async function setup(): Promise<void> {}
