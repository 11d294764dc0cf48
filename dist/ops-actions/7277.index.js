export const id = 7277;
export const ids = [7277];
export const modules = {

/***/ 77277:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   checkPrivateKey: () => (/* binding */ checkPrivateKey),
/* harmony export */   loadPrivateKey: () => (/* binding */ loadPrivateKey),
/* harmony export */   normalizePrivateKey: () => (/* binding */ normalizePrivateKey),
/* harmony export */   publicKeyFingerprint: () => (/* binding */ publicKeyFingerprint)
/* harmony export */ });
/* harmony import */ var ssh2_lib_protocol_keyParser_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(41789);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(61469);
/* harmony import */ var _host_key_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(87457);
// ssh2's key parser alone (what `ssh2.utils.parseKey` is): the inputs check the key at start, and the
// rest of ssh2 loads only when connecting (connection.ts)



const KEY_EXAMPLE = (input) => `${input}: \${{ secrets.${input.toUpperCase().replace(/-/g, '_')} }}   # the whole file: -----BEGIN OPENSSH PRIVATE KEY----- …`;
/**
 * Repairs the usual damage a key takes on its way into a secret: Windows line ends, `\n` typed
 * as two characters, missing final newline.
 */
function normalizePrivateKey(text) {
    let key = text.replace(/\r\n?/g, '\n').trim();
    if (!key.includes('\n') && key.includes('\\n'))
        key = key.replace(/\\n/g, '\n');
    return `${key}\n`;
}
/**
 * Checks that a private key parses (and decrypts with `passphrase`), so a bad key fails before any
 * connection with a message naming the input. Never includes the key in a message.
 */
function checkPrivateKey(key, passphrase, input = 'private-key', passphraseInput = 'passphrase') {
    const first = loadPrivateKey(key, passphrase, input, passphraseInput);
    return {
        type: first.type,
        publicFingerprint: `${(0,_host_key_js__WEBPACK_IMPORTED_MODULE_2__/* .keyTypeLabel */ .EK)(first.type)} ${(0,_host_key_js__WEBPACK_IMPORTED_MODULE_2__/* .fingerprintOf */ .ax)(first.getPublicSSH())}`,
    };
}
const loaded = new Map();
/**
 * The parsed (and decrypted) key, parsed once per run and reused by every connection — decrypting
 * an encrypted OpenSSH key costs about a second of CPU. Throws a ConfigurationError like checkPrivateKey.
 */
function loadPrivateKey(key, passphrase, input = 'private-key', passphraseInput = 'passphrase') {
    const cacheKey = `${passphrase ?? ''}\0${key}`;
    const cached = loaded.get(cacheKey);
    if (cached)
        return cached;
    const parsed = (0,ssh2_lib_protocol_keyParser_js__WEBPACK_IMPORTED_MODULE_0__.parseKey)(key, passphrase);
    if (parsed instanceof Error) {
        const msg = parsed.message;
        if (/no passphrase given|encrypted/i.test(msg) && passphrase === undefined) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(passphraseInput, `the key in '${input}' is encrypted: give its passphrase.`, `${passphraseInput}: \${{ secrets.SSH_PASSPHRASE }}`);
        }
        if (/integrity check failed|bad decrypt|decrypt/i.test(msg)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(passphraseInput, `does not decrypt the key in '${input}' (wrong passphrase).`, `${passphraseInput}: \${{ secrets.SSH_PASSPHRASE }}`);
        }
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(input, `is not a private key ssh2 can read (${msg}). Paste the whole private key file, including the BEGIN and END lines.`, KEY_EXAMPLE(input));
    }
    const first = Array.isArray(parsed) ? parsed[0] : parsed;
    if (!first?.isPrivateKey()) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(input, 'holds a public key; it must be the PRIVATE key (the file without .pub).', KEY_EXAMPLE(input));
    }
    loaded.set(cacheKey, first);
    return first;
}
/** The public fingerprint of a private key, or undefined when it does not parse. */
function publicKeyFingerprint(key, passphrase) {
    try {
        return checkPrivateKey(key, passphrase).publicFingerprint;
    }
    catch {
        return undefined;
    }
}


/***/ })

};
