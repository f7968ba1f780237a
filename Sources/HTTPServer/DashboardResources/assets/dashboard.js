// Outbound dashboard: small progressive enhancements; every page works without them.
import "/assets/live.js";
