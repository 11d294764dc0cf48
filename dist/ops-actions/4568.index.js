export const id = 4568;
export const ids = [4568];
export const modules = {

/***/ 84568:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseYamlInput: () => (/* binding */ parseYamlInput),
/* harmony export */   yamlInput: () => (/* binding */ yamlInput)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38815);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(61469);
// YAML (or JSON) inputs validated by a zod schema. A module of its own so that the stages without
// a YAML input (deploy-ssh, rollback, migrate) do not load the YAML parser at start.


/** The input `name` parsed as YAML and validated by `schema`; undefined when it was not given. */
function yamlInput(inputs, name, schema, example) {
    const text = inputs.raw(name);
    if (text === '')
        return undefined;
    return parseYamlInput(name, text, schema, example);
}
/** Parses `text` as YAML and validates it; errors name the input and the path inside the value. */
function parseYamlInput(name, text, schema, example) {
    let data;
    try {
        data = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parse */ .qg)(text);
    }
    catch (error) {
        const msg = error instanceof Error ? error.message.split('\n')[0] : String(error);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(name, `is not valid YAML: ${msg}`, example);
    }
    const result = schema.safeParse(data);
    if (!result.success) {
        const issues = result.error.issues
            .slice(0, 5)
            .map((i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`)
            .join('; ');
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(name, `is not valid: ${issues}.`, example);
    }
    return result.data;
}


/***/ })

};
