export const id = 3210;
export const ids = [3210];
export const modules = {

/***/ 23210:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   checksSchema: () => (/* binding */ checksSchema)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9691);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(88532);
/* harmony import */ var _lib_duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(39386);
/* harmony import */ var _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(61469);
/* harmony import */ var _expectations_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(38594);
/* harmony import */ var _status_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(40999);
// The `checks` input's schema: a module of its own so that zod loads only when `checks` is given
// (a plain `url` list is the common case, and zod is most of a cold start's extra cost).





const statusSpec = zod__WEBPACK_IMPORTED_MODULE_3__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_3__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_3__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP()]))])
    .transform((v, ctx) => {
    try {
        return (0,_status_js__WEBPACK_IMPORTED_MODULE_4__/* .parseStatusSpec */ .L)(v);
    }
    catch (error) {
        ctx.addIssue({ code: 'custom', message: (0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error) });
        return zod__WEBPACK_IMPORTED_MODULE_5__/* .NEVER */ .tm;
    }
});
const duration = zod__WEBPACK_IMPORTED_MODULE_3__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig()]).transform((v, ctx) => {
    const ms = (0,_lib_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDuration */ .E)(String(v));
    if (ms === undefined) {
        ctx.addIssue({ code: 'custom', message: `'${v}' is not a duration such as 500ms, 10s or 1m` });
        return zod__WEBPACK_IMPORTED_MODULE_5__/* .NEVER */ .tm;
    }
    return ms;
});
const scalar = zod__WEBPACK_IMPORTED_MODULE_3__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_3__/* .boolean */ .zMY(), zod__WEBPACK_IMPORTED_MODULE_3__/* ["null"] */ .chJ()]);
const checkSchema = zod__WEBPACK_IMPORTED_MODULE_3__/* .strictObject */ .rej({
    name: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().trim().min(1).optional(),
    url: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP(),
    method: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP()
        .transform((m) => m.trim().toUpperCase())
        .refine((m) => /^[A-Z]+$/.test(m), 'must be an HTTP method such as GET, HEAD or POST')
        .optional(),
    headers: zod__WEBPACK_IMPORTED_MODULE_3__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_3__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_3__/* .boolean */ .zMY()])).optional(),
    body: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().optional(),
    status: statusSpec.optional(),
    'body-contains': zod__WEBPACK_IMPORTED_MODULE_3__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_3__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP())]).optional(),
    'body-regex': zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP()
        .transform((v, ctx) => {
        try {
            return (0,_expectations_js__WEBPACK_IMPORTED_MODULE_2__/* .parseRegex */ .rG)(v);
        }
        catch (error) {
            ctx.addIssue({ code: 'custom', message: (0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error) });
            return zod__WEBPACK_IMPORTED_MODULE_5__/* .NEVER */ .tm;
        }
    })
        .optional(),
    'json-equals': zod__WEBPACK_IMPORTED_MODULE_3__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP(), scalar).optional(),
    'max-latency': duration.optional(),
    'follow-redirects': zod__WEBPACK_IMPORTED_MODULE_3__/* .boolean */ .zMY().optional(),
    'request-timeout': duration.optional(),
});
const checksSchema = zod__WEBPACK_IMPORTED_MODULE_3__/* .array */ .YOg(checkSchema).min(1, 'give at least one check');


/***/ })

};
