//! What may reach a log line: never an e-mail address or a national register number, even
//! inside an error message from a database, an SMTP server or another outside system.

/// The text with every e-mail address and every national register number (11 digits, with or
/// without dots and dash) replaced.
pub fn redact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if !word.is_empty() {
            out.push_str(&redact_word(word));
            word.clear();
        }
    };
    for c in text.chars() {
        if c.is_whitespace()
            || matches!(
                c,
                '<' | '>' | '(' | ')' | '"' | '\'' | ',' | ';' | '=' | '[' | ']' | '{' | '}' | ':'
            )
        {
            flush(&mut word, &mut out);
            out.push(c);
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

fn redact_word(word: &str) -> String {
    if word.contains('@') && word.contains('.') {
        return "[e-mail]".into();
    }
    // Digits with only dots and dashes between them: a national number has eleven.
    let mut result = String::new();
    let mut run = String::new();
    let mut digits = 0;
    let end_run = |run: &mut String, digits: &mut usize, result: &mut String| {
        if *digits == 11 {
            result.push_str("[number]");
        } else {
            result.push_str(run);
        }
        run.clear();
        *digits = 0;
    };
    for c in word.chars() {
        if c.is_ascii_digit() {
            run.push(c);
            digits += 1;
        } else if (c == '.' || c == '-') && digits > 0 {
            run.push(c);
        } else {
            end_run(&mut run, &mut digits, &mut result);
            result.push(c);
        }
    }
    end_run(&mut run, &mut digits, &mut result);
    result
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn addresses_and_national_numbers_never_reach_a_log() {
        assert_eq!(
            redact("550 5.1.1 <jan.peeters@example.be>: Recipient address rejected"),
            "550 5.1.1 <[e-mail]>: Recipient address rejected"
        );
        assert_eq!(
            redact("Key (national_number)=(85073003328) already exists"),
            "Key (national_number)=([number]) already exists"
        );
        assert_eq!(
            redact("person 85.07.30-033.28 unknown"),
            "person [number] unknown"
        );
        assert_eq!(
            redact("job 12 failed after 3 attempts at 2026-11-30"),
            "job 12 failed after 3 attempts at 2026-11-30"
        );
        assert_eq!(redact("PA-2026-000123"), "PA-2026-000123");
    }
}
