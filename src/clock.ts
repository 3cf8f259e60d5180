/**
 * The time, in milliseconds since the epoch (what Date.now() returns). Everything in the service
 * that decides by the time — token expiry, how long verified tokens and fetched key sets are
 * trusted — asks the app's clock (BuildOptions.clock, Date.now unless given), so tests move time
 * forward instead of waiting for it.
 */
export type Clock = () => number;
