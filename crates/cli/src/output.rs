//! Printing data as aligned text columns or as JSON. Nothing here knows what the data means.

use std::io::Write;

use serde::Serialize;

/// Writes `value` as pretty JSON followed by a newline.
pub fn json(out: &mut dyn Write, value: &impl Serialize) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

/// Writes rows as columns padded to the widest cell; the last column is not padded.
pub fn table(out: &mut dyn Write, header: &[&str], rows: &[Vec<String>]) -> anyhow::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let last = cells.len().saturating_sub(1);
        let mut text = String::new();
        for (i, cell) in cells.iter().enumerate() {
            if i == last {
                text.push_str(cell);
            } else {
                let pad = widths[i] - cell.chars().count();
                text.push_str(cell);
                text.push_str(&" ".repeat(pad + 2));
            }
        }
        text.trim_end().to_string()
    };
    writeln!(out, "{}", line(header.to_vec()))?;
    for row in rows {
        writeln!(out, "{}", line(row.iter().map(String::as_str).collect()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn columns_align_on_the_widest_cell() {
        let mut out = Vec::new();
        super::table(
            &mut out,
            &["ID", "NAME"],
            &[
                vec!["1".into(), "Short".into()],
                vec!["12345".into(), "Longer name".into()],
            ],
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "ID     NAME\n1      Short\n12345  Longer name\n"
        );
    }
}
