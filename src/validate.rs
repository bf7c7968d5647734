//! Form errors and the shared validators of typed input: web-free, so domain rules can refuse
//! a field without knowing how the page shows it.

/// Field messages of a form that failed validation; keys are Fluent ids.
#[derive(Debug, Default, Clone)]
pub struct FormErrors(Vec<(&'static str, &'static str)>);

impl FormErrors {
    pub fn add(&mut self, field: &'static str, key: &'static str) {
        self.0.push((field, key));
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn get(&self, field: &str) -> Option<&'static str> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, k)| *k)
    }
    /// `aria-invalid` value for the field's input: absent when the form was never submitted.
    pub fn invalid(&self, field: &str) -> Option<&'static str> {
        self.get(field).map(|_| "true")
    }
}

/// Trimmed text of 1..=max characters (or 0..=max when optional).
pub fn text(s: &str, max: usize, required: bool) -> Option<String> {
    let t = s.trim();
    let n = t.chars().count();
    let ok = n <= max
        && (n > 0 || !required)
        && !t.chars().any(|c| c.is_control() && c != '\n' && c != '\r');
    ok.then(|| t.to_string())
}
