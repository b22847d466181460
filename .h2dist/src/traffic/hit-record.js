"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=hit-record.js.map