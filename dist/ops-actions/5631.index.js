export const id = 5631;
export const ids = [5631,4568];
export const modules = {

/***/ 35631:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CONFIG_EXAMPLE: () => (/* binding */ CONFIG_EXAMPLE),
/* harmony export */   ComponentEntrySchema: () => (/* binding */ ComponentEntrySchema),
/* harmony export */   ComponentsConfigSchema: () => (/* binding */ ComponentsConfigSchema),
/* harmony export */   parseComponentsConfig: () => (/* binding */ parseComponentsConfig)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9691);
/* harmony import */ var _lib_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61469);
/* harmony import */ var _lib_yaml_input_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(84568);
/* harmony import */ var _component_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(88662);




/**
 * `.ops-actions/components.yml` (or the `components` input): components to add, change or skip.
 *
 *   discover: true            # false: only the components listed here
 *   components:
 *     - path: backend         # the folder, relative to working-directory
 *       services: [postgres, redis]
 *       test-command: poetry run pytest -x
 *     - path: tools/legacy
 *       skip: true
 *
 * A bare list of components is accepted too. Unknown keys are errors (a typo must not be ignored).
 */
const version = zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP({ error: 'must be a quoted string such as "3.12" (YAML reads 3.10 as the number 3.1)' })
    .min(1)
    .regex(/^[^\s]+$/, 'must be one word such as 20 or 3.12');
const command = zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP();
const serviceName = zod__WEBPACK_IMPORTED_MODULE_3__/* ["enum"] */ .k5n(_component_js__WEBPACK_IMPORTED_MODULE_2__/* .SERVICES */ .Bg);
const ComponentEntrySchema = zod__WEBPACK_IMPORTED_MODULE_3__/* .object */ .Ikc({
    path: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().min(1),
    name: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP()
        .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, dash and underscore only')
        .optional(),
    language: zod__WEBPACK_IMPORTED_MODULE_3__/* ["enum"] */ .k5n(_component_js__WEBPACK_IMPORTED_MODULE_2__/* .LANGUAGES */ .Yj).optional(),
    'package-manager': zod__WEBPACK_IMPORTED_MODULE_3__/* ["enum"] */ .k5n(['npm', 'pnpm', 'yarn', 'bun', 'pip', 'poetry', 'uv', 'go']).optional(),
    'install-command': command.optional(),
    'test-command': command.optional(),
    'lint-command': command.optional(),
    'typecheck-command': command.optional(),
    'build-command': command.optional(),
    'node-version': version.optional(),
    'python-version': version.optional(),
    'go-version': version.optional(),
    services: zod__WEBPACK_IMPORTED_MODULE_3__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_3__/* .array */ .YOg(serviceName), zod__WEBPACK_IMPORTED_MODULE_3__/* .partialRecord */ .jgl(serviceName, zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().min(1))], {
        error: 'must be a list of postgres and redis, e.g. [postgres, redis], or a map to images, e.g. {postgres: pgvector/pgvector:pg16}',
    })
        .optional(),
    paths: zod__WEBPACK_IMPORTED_MODULE_3__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().min(1)).optional(),
    skip: zod__WEBPACK_IMPORTED_MODULE_3__/* .boolean */ .zMY().optional(),
})
    .strict();
/** A bare list is read as `components:`, so errors point at `components.2.language`. */
const ComponentsConfigSchema = zod__WEBPACK_IMPORTED_MODULE_3__/* .preprocess */ .vkY((v) => (Array.isArray(v) ? { components: v } : v), zod__WEBPACK_IMPORTED_MODULE_3__/* .object */ .Ikc({
    discover: zod__WEBPACK_IMPORTED_MODULE_3__/* .boolean */ .zMY().optional(),
    components: zod__WEBPACK_IMPORTED_MODULE_3__/* .array */ .YOg(ComponentEntrySchema).optional(),
})
    .strict());
const CONFIG_EXAMPLE = `components:
    - path: backend
      services: [postgres, redis]
    - path: frontend
      test-command: pnpm run test -- --run`;
/**
 * Parses the config text. `input` is the action input the text came from (`components` or
 * `config`), so errors name it; `origin` says which file. Versions must be strings: YAML reads
 * `python-version: 3.10` as the number 3.1.
 */
function parseComponentsConfig(input, text, origin) {
    let parsed;
    try {
        parsed = (0,_lib_yaml_input_js__WEBPACK_IMPORTED_MODULE_1__.parseYamlInput)(input, text, ComponentsConfigSchema, `${input === 'config' ? '' : `${input}: |\n  `}${CONFIG_EXAMPLE}`);
    }
    catch (error) {
        if (error instanceof _lib_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1 && input === 'config') {
            throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(input, `${origin}: ${error.problem}`, error.example);
        }
        throw error;
    }
    return { input, discover: parsed.discover ?? true, components: parsed.components ?? [], origin };
}


/***/ }),

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
