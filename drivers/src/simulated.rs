//! A receipt printer played in software: what an Epson-compatible ESC/POS printer answers
//! and keeps. It reads the bytes a driver sends, answers real-time status requests
//! (DLE EOT n) the way an Epson does, and keeps everything else as the job's data. Tests play
//! it over a TCP socket or a pseudo-terminal; a shop can use it to try Kasir without paper.

/// The status bytes an Epson sends: bit 1 and bit 4 are always set; paper-out bits on top.
const ONLINE: u8 = 0x12;
/// DLE EOT 2 (offline cause): "paper is being fed by the paper feed button" stands in for
/// "out of paper" as Epsons report it there.
const PAPER_OUT_OFFLINE: u8 = 0x20;
/// DLE EOT 4 (paper sensor): near end and out.
const PAPER_OUT_SENSOR: u8 = 0x60;
/// DLE EOT 4 (paper sensor): near end only.
const PAPER_NEAR_END_SENSOR: u8 = 0x0C;

/// The printer's side of the conversation.
#[derive(Debug, Default)]
pub struct PlayedEpson {
    /// Out of paper: the status answers say so.
    pub paper_out: bool,
    /// The roll is nearly used up: the paper sensor says so, and it still prints.
    pub paper_near_end: bool,
    /// An incomplete request (DLE, or DLE EOT) waiting for its next byte.
    pending: Vec<u8>,
}

/// What the printer made of some bytes.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Heard {
    /// The job's bytes (0x10 as a command's parameter included).
    pub data: Vec<u8>,
    /// What to send back, in order.
    pub answer: Vec<u8>,
}

impl PlayedEpson {
    pub fn new(paper_out: bool) -> PlayedEpson {
        PlayedEpson { paper_out, paper_near_end: false, pending: Vec::new() }
    }

    /// Takes the next bytes that arrived.
    pub fn hear(&mut self, bytes: &[u8]) -> Heard {
        self.pending.extend_from_slice(bytes);
        let mut heard = Heard::default();
        let mut i = 0;
        while i < self.pending.len() {
            if self.pending[i] == 0x10 && i + 2 >= self.pending.len() {
                break;
            }
            if self.pending[i] == 0x10 && self.pending[i + 1] == 0x04 {
                heard.answer.push(match (self.pending[i + 2], self.paper_out) {
                    (2, true) => ONLINE | PAPER_OUT_OFFLINE,
                    (4, true) => ONLINE | PAPER_OUT_SENSOR,
                    (4, false) if self.paper_near_end => ONLINE | PAPER_NEAR_END_SENSOR,
                    _ => ONLINE,
                });
                i += 3;
            } else {
                heard.data.push(self.pending[i]);
                i += 1;
            }
        }
        self.pending.drain(..i);
        heard
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_requests_are_answered_even_split_across_reads_and_the_rest_is_data() {
        let mut p = PlayedEpson::new(false);
        let heard = p.hear(&[0x1B, b'@', b'A', 0x10]);
        assert_eq!(heard, Heard { data: vec![0x1B, b'@', b'A'], answer: vec![] });
        let heard = p.hear(&[0x04, 4, b'B']);
        assert_eq!(heard, Heard { data: vec![b'B'], answer: vec![0x12] });
        p.paper_out = true;
        assert_eq!(p.hear(&[0x10, 0x04, 2, 0x10, 0x04, 4]).answer, [0x32, 0x72]);
    }
}
