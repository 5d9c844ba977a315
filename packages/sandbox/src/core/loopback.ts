// What counts as this machine: the one test the webhook guard, the CORS default and the bin's warning share.

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i;

/** Whether `host` (a hostname as URL parses it, or as given to --host) names this machine. */
export const isLoopbackHost = (host: string): boolean => LOOPBACK.test(host);
