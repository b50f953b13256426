//! What a computed layout will be called and hold once written, shared by the preview and the
//! write so the two never differ: the new stalls' codes, and the locked stalls standing with
//! them.

use super::layout_run::Computed;
use crate::layout;
use geo::Polygon;
use std::collections::BTreeSet;

impl Computed {
    /// The codes and positions of the new stalls (the layout's stalls after those kept in
    /// place), in order: each its row and position's label, moved on past any code a locked
    /// stall or a stall kept in place already has.
    pub fn new_codes(&self, site_code: &str) -> Vec<(String, usize)> {
        let mut taken: BTreeSet<String> = self.locked.iter().map(|l| l.code.clone()).collect();
        taken.extend(self.kept.iter().map(|s| s.code.clone()));
        self.layout.stalls[self.kept.len()..]
            .iter()
            .map(|s| {
                let mut position = s.position;
                let mut code = format!("{site_code}-{}", s.label);
                while taken.contains(&code) {
                    position += 1;
                    code = format!("{site_code}-{}", layout::stall_label(s.row, position));
                }
                taken.insert(code.clone());
                (code, position)
            })
            .collect()
    }

    /// The locked stalls the layout went around: their codes and shapes in local metres.
    pub fn locked_stalls(&self) -> impl Iterator<Item = (&str, &Polygon<f64>)> {
        self.locked.iter().map(|l| (l.code.as_str(), &l.shape))
    }

    /// How many stalls the site will have once written: the layout's and the locked ones.
    pub fn total_stalls(&self) -> usize {
        self.layout.stalls.len() + self.locked.len()
    }
}
