/** Debian's chromium (apt-get install -y chromium), or CHROMIUM_PATH. Apart from the browser code, so that asking where it is loads no browser driver. */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
