// Reads a JSON array of URIs on stdin; prints, for each, what GS1's digital-link.js
// makes of it: whether it is valid (grammar and check digit) and the values it reads.
const { DigitalLink } = require('digital-link.js');

let input = '';
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const answers = JSON.parse(input).map((uri) => {
    try {
      const link = DigitalLink(uri);
      const parsed = JSON.parse(link.toJsonString());
      return {
        uri,
        valid: link.isValid(),
        identifier: parsed.identifier,
        keyQualifiers: parsed.keyQualifiers,
        attributes: parsed.attributes,
      };
    } catch (error) {
      return { uri, valid: false, error: String(error.message || error) };
    }
  });
  process.stdout.write(JSON.stringify(answers));
});
