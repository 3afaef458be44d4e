// A self-signed certificate for the stand-in's HTTPS (`--tls`): some integrations only call back to https
// (integration-facts §3.5). selfsigned is loaded only when TLS is asked for.
export interface Certificate {
  cert: string;
  key: string;
}

/** A certificate for localhost, 127.0.0.1 and ::1 (plus `host` when another name is given), valid for a day. */
export async function selfSignedCertificate(host = 'localhost'): Promise<Certificate> {
  const { generate } = await import('selfsigned');
  const names = [...new Set(['localhost', host])].filter((h) => !/^[\d.]+$|:/.test(h));
  const pems = await generate([{ name: 'commonName', value: names[0] ?? 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [...names.map((value) => ({ type: 2 as const, value })), { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}
