//! The subscription stream's message, written by hand so the server encodes each alert event
//! once and sends the same bytes to every subscriber (a generated message would be cloned
//! and re-encoded per subscriber). On the wire it is exactly `flashpoint.v1.SubscribeResponse`;
//! clients decode it into [`Kind`] as they would the generated type.

use prost::bytes::{Buf, BufMut, Bytes};
use prost::encoding::{DecodeContext, WireType};
use prost::{DecodeError, Message};

use crate::proto;

/// `flashpoint.v1.SubscribeResponse`: an alert event or a heartbeat.
#[derive(Clone, PartialEq, Default, Debug)]
pub struct SubscribeResponse {
    /// The decoded message (empty on the server side of a pre-encoded one).
    pub kind: Option<Kind>,
    /// The encoding, when made once for many subscribers.
    encoded: Option<Bytes>,
}

/// The `kind` oneof (unboxed, as prost generates oneofs: clients match on it directly).
#[derive(Clone, PartialEq, Debug)]
#[allow(clippy::large_enum_variant)]
pub enum Kind {
    /// An alert event (field 1).
    Event(proto::AlertEvent),
    /// A heartbeat (field 2).
    Heartbeat(proto::Heartbeat),
}

impl SubscribeResponse {
    /// A message carrying `kind`.
    pub fn new(kind: Kind) -> Self {
        SubscribeResponse { kind: Some(kind), encoded: None }
    }

    /// A message encoded now, whose clones share the bytes.
    pub fn pre_encoded(kind: Kind) -> Self {
        let bytes = Bytes::from(Self::new(kind).encode_to_vec());
        SubscribeResponse { kind: None, encoded: Some(bytes) }
    }
}

impl Message for SubscribeResponse {
    fn encode_raw(&self, buf: &mut impl BufMut) {
        if let Some(b) = &self.encoded {
            buf.put_slice(b);
            return;
        }
        match &self.kind {
            Some(Kind::Event(e)) => prost::encoding::message::encode(1, e, buf),
            Some(Kind::Heartbeat(h)) => prost::encoding::message::encode(2, h, buf),
            None => {}
        }
    }

    fn merge_field(
        &mut self,
        tag: u32,
        wire_type: WireType,
        buf: &mut impl Buf,
        ctx: DecodeContext,
    ) -> Result<(), DecodeError> {
        match tag {
            1 => {
                let mut e = match self.kind.take() {
                    Some(Kind::Event(e)) => e,
                    _ => proto::AlertEvent::default(),
                };
                prost::encoding::message::merge(wire_type, &mut e, buf, ctx)?;
                self.kind = Some(Kind::Event(e));
                Ok(())
            }
            2 => {
                let mut h = match self.kind.take() {
                    Some(Kind::Heartbeat(h)) => h,
                    _ => proto::Heartbeat::default(),
                };
                prost::encoding::message::merge(wire_type, &mut h, buf, ctx)?;
                self.kind = Some(Kind::Heartbeat(h));
                Ok(())
            }
            _ => prost::encoding::skip_field(wire_type, tag, buf, ctx),
        }
    }

    fn encoded_len(&self) -> usize {
        if let Some(b) = &self.encoded {
            return b.len();
        }
        match &self.kind {
            Some(Kind::Event(e)) => prost::encoding::message::encoded_len(1, e),
            Some(Kind::Heartbeat(h)) => prost::encoding::message::encoded_len(2, h),
            None => 0,
        }
    }

    fn clear(&mut self) {
        *self = SubscribeResponse::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pre_encoded_bytes_decode_to_the_message() {
        let event =
            proto::AlertEvent { seq: 7, r#type: 1, alert: Some(proto::Alert::default()), committed_at: None };
        let plain = SubscribeResponse::new(Kind::Event(event.clone()));
        let pre = SubscribeResponse::pre_encoded(Kind::Event(event));
        assert_eq!(plain.encode_to_vec(), pre.encode_to_vec());
        assert_eq!(pre.encoded_len(), plain.encoded_len());
        let back = SubscribeResponse::decode(pre.encode_to_vec().as_slice()).expect("decodes");
        assert_eq!(back, plain);
        let hb = SubscribeResponse::new(Kind::Heartbeat(proto::Heartbeat { head_seq: 3, server_time: None }));
        assert_eq!(SubscribeResponse::decode(hb.encode_to_vec().as_slice()).expect("decodes"), hb);
    }
}
