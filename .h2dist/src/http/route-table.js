"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.RouteTable = void 0;
const common_1 = require("@nestjs/common");
const constants_1 = require("@nestjs/common/constants");
const core_1 = require("@nestjs/core");
const public_decorator_1 = require("../common/public.decorator");
const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
/**
 * The application's real route table, read from the controllers' metadata: what answers 405 with
 * Allow instead of 404, and what the Kong configuration is checked against.
 */
let RouteTable = class RouteTable {
    discovery;
    scanner;
    reflector;
    entries;
    constructor(discovery, scanner, reflector) {
        this.discovery = discovery;
        this.scanner = scanner;
        this.reflector = reflector;
    }
    all() {
        return this.build().map((e) => e.entry);
    }
    /** The route serving `path` (query string and trailing slash ignored), if any. */
    match(url) {
        const path = normalise(url.split('?', 1)[0]);
        return this.build().find((e) => e.pattern.test(path))?.entry;
    }
    build() {
        if (this.entries)
            return this.entries;
        const byPath = new Map();
        for (const wrapper of this.discovery.getControllers()) {
            const type = wrapper.metatype;
            if (!type || !wrapper.instance)
                continue;
            const base = this.reflector.get(constants_1.PATH_METADATA, type) ?? '';
            const proto = Object.getPrototypeOf(wrapper.instance);
            for (const name of this.scanner.getAllMethodNames(proto)) {
                const handler = proto[name];
                const method = this.reflector.get(constants_1.METHOD_METADATA, handler);
                const sub = this.reflector.get(constants_1.PATH_METADATA, handler);
                if (method === undefined || sub === undefined)
                    continue;
                const path = normalise(`/${base}/${sub}`);
                const isPublic = this.reflector.getAllAndOverride(public_decorator_1.IS_PUBLIC_KEY, [handler, type]) ?? false;
                const slot = byPath.get(path) ?? { methods: new Set(), isPublic: true };
                slot.methods.add(common_1.RequestMethod[method]);
                slot.isPublic &&= isPublic;
                byPath.set(path, slot);
            }
        }
        this.entries = [...byPath].map(([path, { methods, isPublic }]) => ({
            entry: { path, methods: [...methods], isPublic, allow: allowHeader(methods) },
            pattern: new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z_]\w*/g, '[^/]+')}$`),
        }));
        return this.entries;
    }
};
exports.RouteTable = RouteTable;
exports.RouteTable = RouteTable = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [core_1.DiscoveryService,
        core_1.MetadataScanner,
        core_1.Reflector])
], RouteTable);
function normalise(path) {
    const p = path.replace(/\/+/g, '/').replace(/\/$/, '');
    return p === '' ? '/' : p;
}
function allowHeader(methods) {
    const all = new Set([...methods, 'OPTIONS']);
    if (all.has('GET'))
        all.add('HEAD');
    return METHOD_ORDER.filter((m) => all.has(m)).join(', ');
}
//# sourceMappingURL=route-table.js.map