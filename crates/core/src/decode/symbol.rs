//! Word's `w:sym` glyphs from the Symbol font, mapped to Unicode.
