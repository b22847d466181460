"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AppConfig = void 0;
/** Process-level settings: where to listen, what to serve, how to behave in production. */
class AppConfig {
    nodeEnv;
    production;
    host;
    port;
    /** Embedded database and generated development key live here. */
    dataDir;
    bodyLimit;
    registrationEnabled;
    swaggerEnabled;
    logLevel;
}
exports.AppConfig = AppConfig;
//# sourceMappingURL=app.config.js.map