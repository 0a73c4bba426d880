package org.keymail.cli.smime;

import java.io.IOException;
import java.io.OutputStream;
import org.keymail.cli.CliFailure;
import org.keymail.smime.SmimeException;

/**
 * Something that writes a message to a stream (signing, encrypting, copying a decrypted one) and
 * reports what it did.
 *
 * @param <R> what the writing reports, e.g. the cipher an encryption chose
 */
@FunctionalInterface
interface MessageWriting<R> {
  R writeTo(OutputStream out) throws SmimeException, IOException, CliFailure;
}
