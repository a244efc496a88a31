package org.itilengine.connectors.mail;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** What a test sees in an IMAP folder: the messages not deleted, with their flags loaded. */
public final class MailboxContents {

  private MailboxContents() {
  }

  public static List<Message> read(int imapPort, String user, String password, String folderName) {
    try {
      Store store = Session.getInstance(new Properties()).getStore("imap");
      store.connect("127.0.0.1", imapPort, user, password);
      Folder folder = store.getFolder(folderName);
      if (!folder.exists()) {
        return List.of();
      }
      folder.open(Folder.READ_ONLY);
      List<Message> messages = new ArrayList<>();
      for (Message m : folder.getMessages()) {
        if (!m.isSet(Flags.Flag.DELETED)) {
          m.getFlags();
          ((MimeMessage) m).getMessageID();
          messages.add(m);
        }
      }
      return messages;
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String messageId(Message message) {
    try {
      return ((MimeMessage) message).getMessageID();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static boolean isSeen(Message message) {
    try {
      return message.isSet(Flags.Flag.SEEN);
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
